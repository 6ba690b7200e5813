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
    And she is told her current spend is $15,000 a month
    And she is offered savings of exactly $9,330.00 a month, 62.2% of her spend
    And she is told a typical request of 1500 tokens waits about 6400 ms
    And Alice's report has the sections "Current spend, Savings, Recommendations, Performance", in that order

  Scenario: The supervisor works out the workload from an attached usage log
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
      | 2024-06-02 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    When Alice asks the supervisor for a full review of her usage log
    Then Alice's request is handed along supervisor, triage agent, data analyst, cost optimizer and reporting agent
    And Alice's combined answer carries what triage agent, data analyst, cost optimizer and reporting agent each found
    And she is told her current spend is $225 a month
    And she is offered savings of exactly $126.90 a month, 56.4% of her spend
    And Alice's report has the sections "Usage, Current spend, Savings, Recommendations, Performance", in that order

  Scenario: The reporting agent writes the figures into a report, section by section
    Given Alice is signed in
    When Alice asks the reporting agent about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's report has the sections "Current spend, Savings, Recommendations, Performance", in that order
    And Alice's report says she spends $15,000.00 a month, can save $9,330.00 a month (62.2%), and waits about 6400 ms a request, with these recommendations:
      | recommendation                        | worth a month |
      | Route routine requests to gpt-4o-mini | $8,460.00     |
      | Batch requests that can wait          | $570.00       |
      | Cache repeated prompt prefixes        | $300.00       |
    And Alice's answer says in words that she spends $15,000.00 a month
    And the answer is kept in Alice's conversation

  Scenario: A report on a workload with nothing worth changing says so
    Given Alice is signed in
    When Alice asks the reporting agent about 1,000 requests a month on openai gpt-4o-mini averaging 1,000 input and 500 output tokens
    Then Alice's report says she spends $0.45 a month, can save $0.00 a month (0%), and waits about 3800 ms a request, with these recommendations:
      | recommendation | worth a month |

  Scenario: The triage agent judges stated figures alone as partial data
    Given Alice is signed in
    When Alice asks the triage agent about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told the request is about cost optimization, and the data is partial

  Scenario: The triage agent judges a usage log with stated figures as sufficient data
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    When Alice asks the triage agent about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told the request is about cost optimization, and the data is sufficient

  Scenario: The triage agent judges a usage log alone as partial data
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    When Alice asks the triage agent to cut her costs without giving any figures
    Then Alice is told the request is about cost optimization, and the data is partial

  Scenario: The triage agent judges a request with nothing to go on as insufficient data
    Given Alice is signed in
    When Alice asks the triage agent to cut her costs without giving any figures
    Then Alice is told the request is about cost optimization, and the data is insufficient

  Scenario: The triage agent counts figures given only as structured data
    Given Alice is signed in
    When Alice asks the triage agent about 1,000 requests a month on openai gpt-4o averaging 100 input and 100 output tokens, with figures whose model is gpt-4o
    Then Alice is told the request is about cost optimization, and the data is partial
