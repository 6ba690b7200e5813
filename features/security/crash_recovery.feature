@security @SEC-06 @slow
Feature: Crash recovery
  An instance of the platform can die at any moment, in the middle of customers' analyses. When
  the platform comes back, every run the dead instance was running is ended as failed, because it
  was interrupted, so that nothing stays running for ever. Answers given before the crash stay as
  they were, and analyses that another instance is still running are left to finish.

  Scenario Outline: An analysis cut off when the platform's process is <ended> is reported failed, because it was interrupted
    Given the platform runs in a process of its own
    And Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log
    When the platform's process is <ended> once Alice's analysis is under way
    And the platform is started again
    Then Alice's analysis is reported failed within 30 seconds, because it was interrupted
    And the record of Alice's analysis ends in a single failure, because it was interrupted, with no gap in its numbering
    When Alice reconnects and picks up where she left off
    Then Alice's analysis ends in a failure, because it was interrupted, with no update missing or repeated

    Examples:
      | ended     |
      | killed    |
      | shut down |

  Scenario: An answer given before the crash stays as it was
    Given the platform runs as an instance of its own, on a database of its own
    And Alice is signed in
    And she asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    And she is told her current spend is $15,000 a month
    And Bob's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And he has asked the data analyst for a deep analysis of his usage log
    And Carol's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log, without marking the request with an id
    When the platform is shut down once Carol's analysis is under way
    And the platform is started again
    Then Bob's analysis is reported failed within 30 seconds, because it was interrupted
    And the record of Bob's analysis ends in a single failure, because it was interrupted, with no gap in its numbering
    And the answer is kept in Alice's conversation
    When Bob reconnects and picks up where he left off
    Then Bob's analysis ends in a failure, because it was interrupted, with no update missing or repeated
    When Carol reconnects and picks up where she left off
    Then Carol's analysis ends in a failure, because it was interrupted, with no update missing or repeated

  Scenario: Coming back, the platform leaves alone the analyses another instance is still running
    Given the platform runs in a process of its own
    And Alice uses another instance of the platform, where each stage of a deep analysis takes 2 seconds
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log
    And Bob's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And he has asked the data analyst for a deep analysis of his usage log
    When the platform's process is killed once Bob's analysis is under way
    And the platform is started again
    Then Bob's analysis is reported failed within 30 seconds, because it was interrupted
    And Alice's analysis is still under way
    When Alice stops it once it is under way
    Then Alice's analysis is cancelled within 2 seconds
    And Alice's analysis is stored as cancelled
