@multi-user @MU-03 @fast
Feature: Isolation between customers
  No customer can read another's conversation or run, over the API or the chat, and no customer
  ever receives anything of another's, even while both are working at the same moment.

  Scenario: Bob cannot read Alice's conversation, and neither sees the other's work
    When Alice and Bob each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    And Bob tries to read Alice's conversation, its messages and the run
    Then Bob is refused every time as having no access
    When Bob asks the chat for Alice's conversation
    Then the chat refuses Bob as having no access
    When Alice asks the chat for her own conversation
    Then the chat shows Alice her conversation with its messages
    And each of Alice and Bob received only their own runs, and nothing of anyone else

  Scenario: A conversation is its starter's, whatever its details claim
    When Mallory starts a conversation whose details claim it is Alice's
    Then that conversation is Mallory's alone, with its other details kept, and Alice never sees it

  Scenario: Only the token says who is asking, whatever the headers claim
    When Alice and Bob each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    And Alice lists her conversations with headers claiming to be Bob
    Then Alice is shown only her own conversations, none of Bob's
    When Alice opens a chat connection with headers claiming to be Bob
    Then Alice is welcomed into the chat as herself
    When Mallory opens a chat connection without a token, with headers claiming to be Bob
    Then Mallory's chat connection is refused because no token was given

  Scenario Outline: Alice is told when she tries to <act on> a conversation that does not exist
    When Alice tries to <act on> a conversation that does not exist
    Then Alice is told it does not exist

    Examples:
      | act on                             |
      | read                               |
      | read the messages of               |
      | archive                            |
      | read the run of                    |
      | open over the chat                 |
      | resume the run of                  |
      | stop the run of                    |
      | ask a follow-up in                 |
      | ask a follow-up through the API in |
