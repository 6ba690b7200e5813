@security @SEC-01 @fast
Feature: Hostile HTTP input
  Whatever arrives over HTTP, the platform answers with a refusal a developer can act on, in its
  usual error shape, and writes nothing. Both services carry on as before.

  Scenario Outline: A conversation whose body holds <something hostile> is refused, and nothing is written
    Given Alice has a conversation titled "Budget review"
    When Alice starts a conversation whose body holds <something hostile>
    Then Alice is refused because <reason>
    And Alice's conversations are as they were
    And both services are still healthy

    Examples:
      | something hostile                           | reason                |
      | a null byte in the title                    | the body is malformed |
      | a null byte in the name of a detail         | the body is malformed |
      | a "__proto__" key                           | the body is malformed |
      | a "constructor" key                         | the body is malformed |
      | a "prototype" key                           | the body is malformed |
      | details nested 65 levels deep               | the body is malformed |
      | details nested 5,000 levels deep            | the body is malformed |
      | brackets opened 100,000 deep                | the body is malformed |
      | text that is not JSON                       | the body is malformed |
      | details making the body one byte over 1 MiB | the body is too large |

  Scenario Outline: A conversation whose body holds <something large> is started, with every detail kept
    When Alice starts a conversation whose body holds <something large>
    Then Alice's new conversation keeps exactly those details

    Examples:
      | something large                       |
      | details nested 64 levels deep         |
      | details making the body exactly 1 MiB |

  Scenario Outline: A sign-up whose body holds <something hostile> is refused, and no account is made
    When Mallory signs up with a body holding <something hostile>
    Then Mallory is refused because the body is malformed
    And no account was made for Mallory
    And both services are still healthy

    Examples:
      | something hostile                |
      | a null byte in the name          |
      | a "__proto__" key                |
      | a "constructor" key              |
      | details nested 5,000 levels deep |
      | text that is not JSON            |

  Scenario Outline: A request with <a problem> is refused in the usual error shape
    When Alice sends the API a request with <a problem>
    Then Alice is refused because <reason>
    And both services are still healthy

    Examples:
      | a problem                               | reason                    |
      | an address with a broken %-encoding     | the address is broken     |
      | headers too large to read               | the headers are too large |
      | an address that does not exist          | there is no such page     |
      | a null byte in a conversation's address | the address is broken     |
