@incidents @INC-05 @fault-injection @slow
Feature: Internal errors stay small
  A defect that throws while the platform handles one message spoils that message only: the
  customer is told it failed, with a reference the operators find in the platform's log, and the
  chat stays open for the next message. A failure of the chat connection itself closes that one
  connection, saying why, and the customer connects again. The API answers an unexpected failure
  the same way, with a reference. Nobody else notices any of it.

  Scenario: A message whose handling fails unexpectedly is answered with a reference, and the chat carries on
    Given Alice and Bob are signed in, each with a chat open
    And the handling of Alice's next chat message will fail unexpectedly
    When Alice and Bob each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then Alice is told her message failed because of an internal error, with a reference the platform's log also holds
    And Bob is told his current spend is $15,000 a month
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's answer arrives on the same chat connection
    And she is told her current spend is $15,000 a month

  Scenario: A chat connection that fails unexpectedly is closed saying why, and the customer connects again
    Given Alice and Bob are signed in, each with a chat open
    And Alice's chat connection will fail unexpectedly at her next message
    When Alice and Bob each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then Alice's chat is closed because of an internal error, with a reason giving a reference the platform's log also holds
    And Bob is told his current spend is $15,000 a month
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month

  Scenario: An API request that fails unexpectedly is answered with a reference, and the next request works
    Given Alice is signed in
    And Alice's next request to the API will fail unexpectedly
    When Alice starts a conversation without giving any details
    Then the API tells Alice her request failed because of an internal error, with a reference the platform's log also holds
    When Alice starts a conversation without giving any details
    Then Alice's conversation is started untitled, with no details, and is listed as hers
