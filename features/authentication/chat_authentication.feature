@auth @AUTH-11 @fast
Feature: Authenticating the chat connection
  Browsers and other clients carry the token in different places; the chat accepts each of them,
  and closes a connection that brings no token at all.

  Scenario Outline: A customer's chat connects with the token <carrier>
    Given Alice is signed in
    When Alice opens a chat connection with her token <carrier>
    Then Alice is welcomed into the chat as herself

    Examples:
      | carrier                                          |
      | in the Authorization header                      |
      | in the Authorization header, after two spaces    |
      | in the subprotocol                               |
      | in the subprotocol, listed as a browser lists it |
      | in the address                                   |

  Scenario: A chat connection without any token is closed
    Then Mallory cannot open a chat connection because no token was given

  Scenario Outline: A token <carrier> is no token at all, and the connection is closed
    Given Alice is signed in
    When Alice opens a chat connection with her token <carrier>
    Then Alice's chat connection is refused because no token was given

    Examples:
      | carrier                                                  |
      | in the Authorization header, followed by another word    |
      | in the Authorization header, after another scheme's name |

  Scenario Outline: A good token <good> beside a forged one <bad> is <verdict>: the header goes first, then the subprotocol, then the address
    Given Alice is signed in
    When Alice opens a chat connection with her token <good> and a token signed with another secret <bad>
    Then <outcome>

    Examples:
      | good                        | bad                         | verdict  | outcome                                                         |
      | in the Authorization header | in the address              | welcomed | Alice is welcomed into the chat as herself                      |
      | in the address              | in the Authorization header | refused  | Alice's chat connection is refused because the token is invalid |
      | in the subprotocol          | in the address              | welcomed | Alice is welcomed into the chat as herself                      |
      | in the address              | in the subprotocol          | refused  | Alice's chat connection is refused because the token is invalid |
      | in the Authorization header | in the subprotocol          | welcomed | Alice is welcomed into the chat as herself                      |
      | in the subprotocol          | in the Authorization header | refused  | Alice's chat connection is refused because the token is invalid |
