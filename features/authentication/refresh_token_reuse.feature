@auth @AUTH-06 @fast
Feature: Refresh-token reuse ends the whole login
  A refresh token is spent when it is used. If a spent one comes back, somebody holds a copy,
  so every token of that login stops working.

  Scenario: A copied refresh token used after its owner refreshed ends the login
    Given Alice is signed in
    And Alice refreshes her session
    When Mallory presents Alice's spent refresh token
    Then Mallory is refused because the refresh token is not valid
    And the API refuses Alice's token
    And Alice's session can no longer be refreshed
