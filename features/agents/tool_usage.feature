@agents @AGENT-05 @fast
Feature: Tool usage
  Agents work with tools: a cost analyzer, a cache finder, a usage-log parser, a latency analyzer
  and a report generator. Every tool call is answered, and the answer rests on what the tools found.

  Scenario: The cost optimizer's answer rests on its tools' figures
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then every tool Alice's agent used reported back under the same call id
    And every tool Alice's agent used was asked about her own request
    And the figures the tools found are the ones in Alice's answer

  Scenario: A full review uses every kind of tool, and its answer rests on all of them
    Given Alice is signed in
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost   |
      | 2024-06-01 | openai   | gpt-4o |    50000 |     50000000 |      25000000 | 375.00 |
    When Alice asks the supervisor for a full review of her usage log
    Then every tool Alice's agent used reported back under the same call id
    And every tool Alice's agent used was asked about her own request
    And the figures the tools found are the ones in Alice's answer

  Scenario: A cost optimizer with nothing to route asks its cache finder about every request
    Given Alice is signed in
    When Alice asks the cost optimizer about 1,000,000 requests a month on openai gpt-4o-mini averaging 2,000 input and 500 output tokens
    Then every tool Alice's agent used was asked about her own request

  Scenario: A full review of a stated workload asks every tool about it
    Given Alice is signed in
    When Alice asks the supervisor for a full review of 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then every tool Alice's agent used reported back under the same call id
    And every tool Alice's agent used was asked about her own request
