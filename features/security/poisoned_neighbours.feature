@security @SEC-05 @slow
Feature: Poisoned neighbours
  The platform shares its Redis server and talks to its auth service. A neighbour publishing
  nonsense on the shared channels, or an auth service answering garbage, does not take it down:
  what cannot be understood is ignored or refused, and other customers carry on.

  Scenario Outline: A neighbour publishing <message> does not take the platform down
    Given the platform runs in a process of its own, on a Redis server of its own
    And Alice is signed in
    When a neighbour publishes <message>, while Alice's chat is open
    Then the platform is still serving: it reports itself healthy, and Alice's question is answered

    Examples:
      | message                                                                                                                                         |
      | text that is not JSON on the revocations channel                                                                                                |
      | a bare null on the revocations channel                                                                                                          |
      | text that is not JSON on the user events channel                                                                                                |
      | events for the customer's chat without their details, with details that are text, or with a type that is not a name, on the user events channel |
      | an event for a customer who does not exist on the user events channel                                                                           |

  Scenario: An auth service answering garbage is treated as unavailable, not trusted and not fatal
    Given the platform runs in a process of its own, whose auth service answers with a page that is not JSON
    And Alice is signed in
    Then the platform refuses Alice's new chat connection, saying it cannot check her session
    And the platform refuses Alice's requests as unable to check her session, and is still running
