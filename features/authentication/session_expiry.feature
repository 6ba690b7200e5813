@auth @AUTH-04
Feature: Session expiry
  Access tokens are short-lived. An expired one opens nothing; the refresh token gets a new pair,
  and works only once.

  @slow
  Scenario: An expired session is refused by the API and by the chat
    Given Alice is signed in for 1 second
    And the API accepts Alice's token
    When Alice's session has expired
    Then the API refuses Alice's token
    And she cannot open a chat connection because the token has expired

  @fast
  Scenario: Refreshing gives a new pair of tokens, again and again, and a refresh token works only once
    Given Alice is signed in
    When Alice refreshes her session
    Then Alice has a new session that works
    When Alice refreshes her session
    Then Alice has a new session that works
    And Alice's previous refresh token no longer works

  @slow
  Scenario: A refresh token works within its lifetime, and not after it
    Given refresh tokens last 2 seconds
    And Alice is signed in
    When Alice refreshes her session
    Then Alice has a new session that works
    When Alice's refresh token has expired
    Then Alice's session can no longer be refreshed
