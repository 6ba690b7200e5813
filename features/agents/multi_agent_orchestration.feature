@agents @AGENT-03 @fast
Feature: Multi-agent orchestration
  For a full review the supervisor hands the request along a chain of specialists and combines
  what each of them found into one answer. A usage log stands for a month of its daily rate
  (30 days) on its most expensive model. A typical request waits the model's time to its first
  token plus its time per output token (gpt-4o: 400 ms and 12 ms).

  Scenario: The supervisor hands a workload review along the whole chain
    Given Alice is signed in
    When Alice asks the supervisor for a full review of 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's request is handed along supervisor, triage agent, data analyst, cost optimizer and reporting agent
    And Alice's combined answer carries what triage agent, data analyst, cost optimizer and reporting agent each found
    And Alice is told her current spend is $15,000 a month
    And Alice is offered savings of exactly $9,330.00 a month, 62.2% of her spend
    And Alice is told a typical request of 1500 tokens waits about 6400 ms

  Scenario: The supervisor works out the workload from an attached usage log
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
      | 2024-06-02 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    When Alice asks the supervisor for a full review of her usage log
    Then Alice's request is handed along supervisor, triage agent, data analyst, cost optimizer and reporting agent
    And Alice's combined answer carries what triage agent, data analyst, cost optimizer and reporting agent each found
    And Alice is told her current spend is $225 a month
    And Alice is offered savings of exactly $126.90 a month, 56.4% of her spend
