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
