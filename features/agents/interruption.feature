@agents @AGENT-07 @slow
Feature: Stopping an analysis
  A customer can stop an analysis that is under way. It stops at once, is recorded as stopped,
  and the conversation carries on.

  Scenario: A customer stops a deep analysis and carries on in the same conversation
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log
    When Alice stops it once it is under way
    Then Alice's analysis is cancelled within 2 seconds
    And Alice's analysis is stored as cancelled
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens in the same conversation
    Then the conversation still holds Alice's earlier request
    And nothing more of Alice's analysis arrives or is recorded after the cancellation

  Scenario: Stopping one analysis leaves the customer's other analysis, and another customer's, running
    Given Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And Bob's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And he has asked the data analyst for a deep analysis of his usage log
    And Alice has asked the data analyst for a deep analysis of her usage log
    And she has asked the data analyst for a deep analysis of her usage log
    When Alice stops it once it is under way
    Then Alice's analysis is cancelled within 2 seconds
    And Alice's earlier analysis completes undisturbed
    And Bob's conversation is as it was

  @fast
  Scenario: Stopping an analysis that has already ended tells the customer so, and changes nothing
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    And she stops it after it has ended
    Then Alice is told it had already ended, and it stays completed

  Scenario: Stopping cuts a long stage short instead of waiting for it to end
    Given each stage of a deep analysis takes 6 seconds
    And Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log
    When Alice stops it once it is under way
    Then Alice's analysis is cancelled within 2 seconds
