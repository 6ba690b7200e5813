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
    And a request that brings no token is still refused as not signed in
    When its auth service is back
    Then Alice can open a chat connection again within 5 seconds of it coming back
    And the platform reports itself healthy again within 5 seconds

  Scenario: An auth service answering token checks with nonsense is not taken at its word
    Given an instance of the platform whose token checks can be held up
    And Alice is signed in
    Then the platform lets Alice in neither on the chat nor through the API while its auth service answers her token checks with each of these:
      | answer                                  | verdict                            |
      | a server error                          | saying it cannot check her session |
      | a bare null                             | saying it cannot check her session |
      | a bare number                           | saying it cannot check her session |
      | a vouch that does not say for whom      | saying it cannot check her session |
      | a vouch for a customer with an empty id | saying it cannot check her session |
      | a refusal that still names the customer | refusing her token as invalid      |
      | a refusal that gives no reason          | refusing her token as invalid      |
