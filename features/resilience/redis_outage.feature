@resilience @RES-02 @redis @slow
Feature: Redis outage
  Without Redis the platform cannot tell whether a session was revoked, so it refuses sessions
  rather than trust them, says it is degraded, and comes back by itself when Redis does.

  Scenario: Sessions are refused while Redis is unreachable, and service returns with Redis
    Given an instance of the platform whose link to its Redis can fail
    And Alice is signed in
    When its Redis becomes unreachable
    Then the platform refuses Alice's session rather than trust it unchecked
    And the platform reports itself degraded, with its Redis down
    When its Redis is back
    Then Alice's next question is answered within 10 seconds of it coming back
    And the platform reports itself healthy again within 10 seconds
