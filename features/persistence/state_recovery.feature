@persistence @DATA-04 @slow
Feature: Run state and catching up
  While a run is going, its state is kept where every instance can find it, and a connection
  that joins late catches up on everything it missed.

  Background:
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log

  Scenario: A connection that joins a running analysis late catches up on all of it
    When Alice's analysis is under way
    And she opens another chat connection and catches up on the analysis
    Then that connection receives every event of the analysis exactly once, in order

  @redis
  Scenario: A running analysis keeps its state in Redis for at most an hour
    When Alice's analysis is under way
    Then the state of Alice's analysis is kept in Redis, for at most an hour
