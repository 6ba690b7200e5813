@agents @AGENT-09 @fast
Feature: Running an agent without streaming
  Integrations that cannot hold a chat open run the same agents through the API and get the
  same figures as a customer watching live.

  Scenario: The API and the live chat give the same figures for the same workload
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    And Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens through the API
    Then the API's answer has the same figures as the one Alice watched
