@resilience @RES-05 @fault-injection @fast
Feature: No cascade
  One customer's run failing hard does not delay or break anybody else's.

  Scenario: One run crashes while three others are in flight
    Given Alice, Bob and Carol are signed in, each with a chat open
    And Mallory's runs will crash
    When Mallory, Alice, Bob and Carol each ask the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens at the same moment
    Then Mallory's request ends with a reason that mentions "internal error"
    And Alice, Bob and Carol's runs all complete, and overlapped in time
    And each of Alice, Bob and Carol had an answer within 2 seconds of asking
