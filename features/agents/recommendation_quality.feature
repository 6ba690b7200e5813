@agents @AGENT-08 @fast
Feature: Quality of the recommendations
  Recommendations are concrete: each says what it saves and how to do it, together they never
  promise more than the saving offered, and the agent says how sure it is.

  Scenario: A busy workload gets several concrete, consistent recommendations
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice gets at least 3 recommendations, each with a monthly saving and steps to take
    And the agent states its confidence in Alice's answer as a score between 0 and 1
