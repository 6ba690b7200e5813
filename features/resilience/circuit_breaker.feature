@resilience @RES-01 @fault-injection @instance-wide @slow
Feature: A circuit breaker around a failing tool
  A tool that keeps failing is cut off after three failures in a row: answers come at once and
  say the analysis is unavailable, instead of waiting on the broken tool. After a cool-down one
  trial call goes through, and its success closes the breaker.

  Scenario: A failing cost analyzer trips its breaker after three failures in a row, and the breaker closes again once it works
    Given Alice is signed in
    And the cost analyzer is failing
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens 2 times, one after another, on the same chat
    And the cost analyzer is repaired
    And she asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month
    When the cost analyzer is failing
    And she asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens 2 times, one after another, on the same chat
    Then Alice's last 2 answers each say the cost analysis is unavailable
    And the platform reports the cost analyzer's breaker as closed
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's last 3 answers each say the cost analysis is unavailable
    And the platform reports the cost analyzer's breaker as open
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's answer says the cost analysis is unavailable, without waiting on the broken tool
    When the cost analyzer is repaired
    And the cost analyzer's breaker has cooled down
    And she asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month
    And the platform reports the cost analyzer's breaker as closed

  Scenario: A trial call that fails again opens the breaker again at once
    Given Alice is signed in
    And the cost analyzer is failing
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens 3 times, one after another, on the same chat
    Then the platform reports the cost analyzer's breaker as open
    When the cost analyzer's breaker has cooled down
    And she asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's answer says the cost analysis is unavailable, after trying the broken tool once more
    And the platform reports the cost analyzer's breaker as open
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's answer says the cost analysis is unavailable, without waiting on the broken tool
    When the cost analyzer is repaired
    And the cost analyzer's breaker has cooled down
    And she asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month
    And the platform reports the cost analyzer's breaker as closed

  Scenario: While the trial call is out, the breaker refuses every other call at once
    Given Alice is signed in
    And the cost analyzer is failing
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens 3 times, one after another, on the same chat
    And the cost analyzer's breaker has cooled down
    And she asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens 3 times at once, on the same chat
    Then only one of Alice's last 3 answers tried the broken tool again, and the others were refused by its breaker at once
    And the platform reports the cost analyzer's breaker as open
    When the cost analyzer is repaired
    And the cost analyzer's breaker has cooled down
    And she asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month
