@auth @AUTH-05
Feature: Signing out
  Signing out ends the session at once: the API refuses the token, open chats close, and the
  session cannot be renewed, on every instance of the platform.

  @fast
  Scenario: Signing out closes the door at once
    Given Alice has 2 chat connections open
    When Alice signs out
    Then the API refuses Alice's token
    And Alice's open chat connections are closed within 5 seconds
    And Alice's session can no longer be refreshed
    And the platform's records show Alice's session as ended, so it stays ended even if the shared store forgets

  @fast
  Scenario: Signing out on one device leaves the other device signed in
    Given Alice is signed in on two devices, each with a chat open
    When Alice signs out on the first device
    Then Alice's first device is signed out, and the second still works

  @fast @redis
  Scenario: The revocation is kept in the shared store for as long as the token would have lived
    Given Alice is signed in
    When Alice signs out
    Then the revocation of Alice's token is kept in Redis until the token would have expired

  @fast @redis
  Scenario: Signing out on one instance closes the chats on every instance
    Given a second instance of the platform sharing the same stores
    And Alice has a chat connection open on each instance
    When Alice signs out
    Then Alice's open chat connections are closed within 5 seconds
    And the second instance refuses Alice's token
