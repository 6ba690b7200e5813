@realtime @RT-05 @fast
Feature: Many customers at once
  Many customers asking at the same moment all get their answers: every run completes, and the
  report shows the success rate and the slowest first update.

  Scenario: Ten customers ask at the same moment and every run completes
    Given 10 customers are signed in, each with a chat open
    When the customers each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then every one of the customers' runs completes
    And nothing of anyone else's reaches the customers
