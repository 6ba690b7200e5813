@auth @AUTH-10 @fast
Feature: Permission to run agents
  Running an agent needs the agent_execute permission, whether the customer asks live in the
  chat or through the API.

  Scenario: A read-only customer cannot run agents, in the chat or through the API
    Given Rita is signed in with permission only to read
    When Rita asks the cost optimizer about 1,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Rita is told she may not run agents
    When Rita asks the cost optimizer about 1,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens through the API
    Then Rita is refused because she may not run agents
    And nothing was kept for Rita: no conversation, no run
