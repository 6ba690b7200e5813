@multi-user @MU-02 @fast
Feature: The same agent for several customers at once
  Customers asking the same agent at the same moment all get their answers.

  Scenario: Three customers ask the cost optimizer at the same moment
    When Alice, Bob and Carol each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then Alice, Bob and Carol's runs all complete, and overlapped in time
    And each of Alice, Bob and Carol received only their own runs, and nothing of anyone else
