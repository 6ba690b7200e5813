@auth @AUTH-11 @fast
Feature: Authenticating the chat connection
  Browsers and other clients carry the token in different places; the chat accepts each of them,
  and closes a connection that brings no token at all.

  Scenario Outline: A customer's chat connects with the token <carrier>
    Given Alice is signed in
    When Alice opens a chat connection with her token <carrier>
    Then Alice is welcomed into the chat as herself

    Examples:
      | carrier                     |
      | in the Authorization header |
      | in the subprotocol          |
      | in the address              |

  Scenario: A chat connection without any token is closed
    Then Mallory cannot open a chat connection because no token was given
