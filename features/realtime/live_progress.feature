@realtime @RT-03 @slow
Feature: Live progress
  A long run shows its progress as it happens, not in one batch at the end.

  Scenario: The updates of a deep analysis arrive over at least half of the run
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    When Alice asks the data analyst for a deep analysis of her usage log
    Then Alice receives at least 10 updates before the analysis completes
    And Alice's updates arrive spread over at least half of the run, not bunched at its end
