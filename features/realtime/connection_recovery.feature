@realtime @RT-02 @slow
Feature: Recovering a dropped connection
  When a customer's connection drops in the middle of a run, the run goes on. Reconnecting picks
  it up where the customer left it: every update exactly once, in order, none missing.

  Background:
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log

  Scenario: Alice's own connection drops mid-run and she picks up where she left off
    When Alice's connection drops once the analysis is under way
    And she reconnects after the analysis has moved on, and picks up where she left off
    Then Alice has every event of the analysis exactly once, in order, with none missing
    And the first missed event reached Alice within 2 seconds of reconnecting

  @fault-injection
  Scenario: The platform drops Alice's connection mid-run and she picks up where she left off
    When the platform drops Alice's connection once the analysis is under way
    And she reconnects after the analysis has moved on, and picks up where she left off
    Then Alice has every event of the analysis exactly once, in order, with none missing
    And the first missed event reached Alice within 2 seconds of reconnecting
