@resilience @RES-04 @fast
Feature: Auth service outage
  When the backend cannot reach the auth service it refuses new connections with a clear error
  rather than let unchecked tokens in, and recovers when the auth service returns.

  Scenario: New chats are refused while auth is unreachable, and allowed again once it returns
    Given an instance of the platform whose link to its auth service can fail
    And Alice is signed in
    When its auth service becomes unreachable
    Then the platform refuses Alice's new chat connection, saying it cannot check her session
    And the platform reports itself degraded, with its auth service down
    When its auth service is back
    Then Alice can open a chat connection again within 5 seconds of it coming back
    And the platform reports itself healthy again within 5 seconds
