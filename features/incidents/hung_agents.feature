@incidents @INC-04 @fault-injection @slow
Feature: Hung agents
  An agent that stops producing anything, waiting on a tool that never answers, is not left
  running for ever: once it has been silent for as long as the platform waits (five minutes in a
  deployment, AGENT_TIMEOUT_SECONDS), the run is ended as failed, because it stopped producing
  anything, and kept that way. The customer can ask again at once, and nobody else notices. An
  analysis that takes long but keeps reporting its progress is never given up on.

  Scenario: A tool that never answers ends the request as failed once it has been silent for as long as the platform waits, and the next question is answered
    Given the platform gives up on an agent that has been silent for 1 second
    And Alice and Bob are signed in, each with a chat open
    And the cost analyzer never answers Alice's next call
    When Alice and Bob each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then Bob is told his current spend is $15,000 a month
    And Alice's request is ended as failed, because it stopped producing anything, once it has been silent for 1 second and not before
    And Alice's analysis is reported failed within 2 seconds, because it stopped producing anything
    And the record of Alice's analysis ends in a single failure, because it stopped producing anything, with no gap in its numbering
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens in the same conversation
    Then Alice's answer arrives on the same chat connection
    And she is told her current spend is $15,000 a month

  Scenario: A long analysis that keeps reporting its progress is never given up on
    Given the platform gives up on an agent that has been silent for 500 milliseconds, and each stage of a deep analysis takes 300 milliseconds
    And Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
      | 2024-06-02 | openai   | gpt-4o |     1200 |      1200000 |        600000 | 9.00 |
    When Alice asks the data analyst for a deep analysis of her usage log
    Then Alice's analysis completes after running for at least 2 seconds, never silent for 500 milliseconds
    And she sees the analysis progress stage by stage, each named, up to 100%
