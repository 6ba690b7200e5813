@performance @PERF-01 @PERF-03
Feature: Many customers at once, within the latency budget
  Twenty customers asking at the same moment all get their answers, the first update of each
  arrives within 100 milliseconds at the 95th percentile, and every answer within two seconds
  (agents at the specification's compressed speed). The report shows the figures.

  @slow @timing
  Scenario: Twenty customers ask at the same moment, within the budget
    Given the platform runs in a process of its own, warmed up by 10 runs
    And 20 customers are signed in, each with a chat open
    When the customers each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then the customers' load figures are in the report
    And every one of the customers' runs completed
    And the customers' first updates arrived within 100 ms at the 95th percentile
    And every customer's run completed within 2 seconds

  @load
  Scenario: Fifty customers at once, within the same budget
    Given the platform runs in a process of its own, warmed up by 10 runs
    And 50 customers are signed in, each with a chat open
    When the customers each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then the customers' load figures are in the report
    And every one of the customers' runs completed
    And the customers' first updates arrived within 100 ms at the 95th percentile
    And every customer's run completed within 2 seconds
