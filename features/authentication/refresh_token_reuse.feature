@auth @AUTH-06 @fast
Feature: Refresh-token reuse ends the whole login
  A refresh token is spent when it is used. If a spent one comes back, somebody holds a copy,
  so every token of that login stops working.

  Scenario: A copied refresh token used after its owner refreshed ends the login
    Given Alice and Bob are signed in, each with a chat open
    And Alice refreshes her session
    When Mallory presents Alice's spent refresh token
    Then Mallory is refused because the refresh token is not valid
    And the API refuses Alice's token
    And Alice's session can no longer be refreshed
    And Alice's open chat connections are closed within 5 seconds
    And the API accepts Bob's token

  Scenario: A copied refresh token ends only the login it was copied from
    Given Alice is signed in on two devices, each with a chat open
    And she refreshes her session on the first device
    When Mallory presents the refresh token Alice's first device has spent
    Then Mallory is refused because the refresh token is not valid
    And Alice's first device is signed out, and the second still works
