@performance @PERF-02 @PERF-03 @load
Feature: Hundreds of customers connected at once
  Five hundred authenticated customers, each with a chat open, all ask at the same moment, and
  every one of them gets an answer. The report shows the success rate, the latency percentiles,
  the events per second and the platform's peak memory.

  Scenario: Five hundred customers ask at the same moment
    Given the platform runs in a process of its own, warmed up by 10 runs
    And 500 customers are signed in, each with a chat open
    When the customers each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then the customers' load figures are in the report
    And every one of the customers' runs completed
