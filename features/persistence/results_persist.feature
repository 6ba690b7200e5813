@persistence @DATA-01 @fast
Feature: Results persist
  A completed answer is kept: the customer finds it again after signing out and back in, on a
  new connection, and every part of it is stored in the database.

  Scenario: An answer can be read back after signing out and in, and every part of it is stored
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month
    And Alice's new conversation is named after the start of her question
    When Alice signs out and signs in again
    And she opens a chat connection
    And she asks the chat for her own conversation
    Then the chat shows Alice her conversation with its messages
    And the answer is kept in Alice's conversation
    And Alice's conversation is stored in the database
