@security @SEC-04
Feature: OAuth safety
  A sign-in through a provider ends with a code, and then tokens, sent to an address. They go
  only to the platform's own callbacks, whatever the request says about where it came from, and
  the stand-in provider that approves anyone as anyone exists only for test automation.

  @fast
  Scenario Outline: The provider sends a sign-in code only to the platform's own callback (asked for <destination>)
    When Mallory asks the sign-in provider to send a code to <destination>
    Then <outcome>

    Examples:
      | destination                                                  | outcome                                                                       |
      | the platform's own sign-in callback                          | the provider sends Mallory's code there                                       |
      | another site                                                 | Mallory is refused because the address is not one of the platform's callbacks |
      | another site using the platform's address as a sub-domain    | Mallory is refused because the address is not one of the platform's callbacks |
      | a javascript address                                         | Mallory is refused because the address is not one of the platform's callbacks |
      | the platform's own address with another path                 | Mallory is refused because the address is not one of the platform's callbacks |
      | the platform's own callback with something added to its path | Mallory is refused because the address is not one of the platform's callbacks |
      | something that is not an address                             | Mallory is refused because the address is not one of the platform's callbacks |

  @fast
  Scenario Outline: A sign-in cannot be made to land on <destination>
    When Mallory starts a Google sign-in that would land on <destination>
    Then Mallory is refused because the address is not one of the platform's callbacks

    Examples:
      | destination                                               |
      | another site                                              |
      | another site using the platform's address as a sub-domain |
      | a javascript address                                      |
      | the platform's own sign-in callback                       |

  @fast
  Scenario: A forged Host header does not send the sign-in elsewhere
    When Mallory starts a Google sign-in with a Host header naming another site
    Then Mallory's sign-in leads only to the platform's own addresses

  @fast
  Scenario: Behind the address it is published at, a sign-in leads only through that address
    Given a platform instance whose sign-in service is published at an address of its own
    When Mallory asks to sign in with Google on that instance
    Then Mallory's sign-in leads to the provider and back only through that published address

  @fast
  Scenario Outline: In <environment>, Google sign-in never falls back to the stand-in provider
    Given Alice is signed in
    And a platform instance for <environment> that holds the bypass key
    When Mallory asks to sign in with Google on that instance
    Then Mallory is refused because Google sign-in is not configured here
    When Mallory asks that instance's stand-in provider for a code as Alice
    Then Mallory is refused because there is no such page

    Examples:
      | environment |
      | production  |
      | staging     |
      | development |

  @slow
  Scenario: A sign-in's state expires when stated, and not before
    Given sign-in states last 2 seconds
    When Alice signs in with Google
    Then Alice comes back to the app signed in
    When Mallory starts a Google sign-in and comes back after its state has expired
    Then Mallory is refused because the sign-in state was not issued
