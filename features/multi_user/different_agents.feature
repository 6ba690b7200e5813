@multi-user @MU-01 @fast
Feature: Different agents for different customers at once
  Customers asking different agents at the same moment each get their own run and nothing else.

  Scenario: Three customers ask three different agents at the same moment
    When these customers ask at the same moment:
      | customer | agent           | workload                                                                                            |
      | Alice    | cost optimizer  |             2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens |
      | Bob      | supervisor      | 500,000 requests a month on anthropic claude-3-5-sonnet averaging 2,000 input and 400 output tokens |
      | Carol    | reporting agent |       100,000 requests a month on google gemini-1.5-pro averaging 3,000 input and 800 output tokens |
    Then Alice, Bob and Carol's runs all complete, and overlapped in time
    And each of Alice, Bob and Carol received only their own runs, and nothing of anyone else
