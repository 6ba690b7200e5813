@auth @AUTH-09 @fast
Feature: Service-to-service trust
  The backend trusts a token only when the auth service vouches for it, and the auth service
  vouches only to a caller that proves itself with the service secret.

  Scenario: The auth service vouches only to a caller holding the service secret
    Given Alice is signed in
    When the backend asks the auth service to vouch for Alice's token with the right service secret
    Then the auth service vouches for Alice's token
    When the backend asks the auth service to vouch for Alice's token with a wrong service secret
    Then the auth service does not vouch for Alice's token, because the service secret is wrong

  Scenario: The auth service says nothing about a token to a caller without service credentials
    Given Alice is signed in
    When someone asks the auth service to vouch for Alice's token without service credentials
    Then the auth service does not vouch for Alice's token, because the caller gave no service credentials

  Scenario: The auth service says nothing about a token to a caller that gives the secret but no service id
    Given Alice is signed in
    When someone asks the auth service to vouch for Alice's token with the service secret but no service id
    Then the auth service does not vouch for Alice's token, because the caller gave no service id

  Scenario: The auth service says nothing about a token to a caller that gives the secret under another service's id
    Given Alice is signed in
    When someone asks the auth service to vouch for Alice's token with the service secret but a backend's id with a start time added
    Then the auth service does not vouch for Alice's token, because the caller is not the service it was configured to trust

  Scenario: Asked to vouch for no token at all, the auth service vouches for nothing
    When the backend asks the auth service, with the right service secret, to vouch without saying for which token
    Then the auth service does not vouch, and says nothing about any account

  Scenario: A service token is issued for its id and secret
    When a service asks for a service token with its id and secret
    Then the auth service issues a service token that lasts as long as it says

  Scenario Outline: No service token is issued for <credentials>
    When a service asks for a service token with <credentials>
    Then the auth service refuses to issue a service token

    Examples:
      | credentials          |
      | a wrong secret       |
      | another service's id |
      | no secret            |
      | nothing at all       |

  Scenario: Asking the auth service to vouch by reading its address is refused
    When Mallory asks the auth service to vouch for a token by reading its address
    Then Mallory is refused because that is not how to ask

  Scenario: A backend holding the wrong service secret lets nobody in
    Given a platform instance whose backend holds the wrong service secret
    And Alice is signed in
    Then that instance will not let Alice in, because it cannot check her session

  Scenario: Outside test, the platform will not start without a service secret
    When the platform is started for staging without SERVICE_SECRET
    Then it refuses to start, naming SERVICE_SECRET

  Scenario Outline: Nobody can break the platform on purpose <credentials>
    When Mallory tries to break the platform on purpose <credentials>
    Then Mallory is refused, and nothing was broken

    Examples:
      | credentials                 |
      | without the service secret  |
      | with a wrong service secret |

  Scenario: On a test platform the service secret switches a fault on, and clearing the faults switches every one off
    Given a platform instance for test that holds the bypass key
    When the service switches a failing cost analyzer on at that instance
    Then that instance lists the failing cost analyzer among its faults
    When the service clears every fault at that instance
    Then that instance lists no faults

  Scenario Outline: In <environment>, even the service secret opens none of the test-only pages
    Given a platform instance for <environment> that holds the bypass key
    When Mallory, holding the service secret, tries every test-only page of that instance
    Then Mallory finds none of them there

    Examples:
      | environment |
      | production  |
      | staging     |
      | development |
