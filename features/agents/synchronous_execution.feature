@agents @AGENT-09 @fast
Feature: Running an agent without streaming
  Integrations that cannot hold a chat open run the same agents through the API and get the
  same figures as a customer watching live.

  Scenario: The API and the live chat give the same figures for the same workload
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    And she asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens through the API
    Then the API's answer has the same figures as the one Alice watched

  Scenario: A request the agent cannot serve, made through the API, says it failed and why
    Given Alice is signed in
    When Alice asks the cost optimizer through the API about 1,000 requests a month on openai gpt-4o averaging 100 input and 100 output tokens, with figures whose provider is INVALIDCLOUD
    Then the API tells Alice her request failed, with a reason that mentions "INVALIDCLOUD"

  Scenario: An impossible workload sent through the API is refused, naming the figure
    Given Alice is signed in
    When Alice asks the cost optimizer through the API about 1,000 requests a month on openai gpt-4o averaging 100 input and 100 output tokens, with figures whose monthly requests is -5
    Then the API refuses Alice's workload as impossible, because of its monthly requests

  Scenario: An agent the platform does not have, asked for through the API, is refused by name
    Given Alice is signed in
    When Alice asks an agent called "fortune teller" through the API
    Then the API tells Alice there is no agent called "fortune teller"

  Scenario Outline: A request through the API with <mistake> is refused, and nothing is run
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens through the API, with <mistake>
    Then Alice is refused because the details are invalid
    And nothing was kept for Alice: no conversation, no run

    Examples:
      | mistake                            |
      | an empty question                  |
      | a question that is a number        |
      | a context that is a list           |
      | a conversation id that is a number |
