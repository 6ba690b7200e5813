@agents @AGENT-10
Feature: Answers worded by a language model
  A platform may put a language model behind the agents' wording. The figures always come from
  the price catalogue; when the model fails, the answer still arrives, says the wording fell
  back, and keeps every figure.

  @real-llm @slow
  Scenario: With a real language model behind the target, the cost journey keeps its structured result
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice watches the agent start, think, use a tool, finish the tool and complete, in that order
    And she is told her current spend is $15,000 a month
    And she is offered savings of at least $9,000 a month
    And she gets at least 3 recommendations, each with a monthly saving and steps to take

  @fast
  Scenario: A model that answers well words the answer, and the figures stay the catalogue's
    Given the agents word their answers with a language model that answers well
    And Alice is signed in
    Then the platform reports the language model it words answers with
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's answer is worded by the model
    And she is told her current spend is $15,000 a month
    And she is offered savings of at least $9,000 a month
    When Alice asks the triage agent about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's answer is worded by the model

  @fast
  Scenario Outline: A model that <fails> leaves the answer in the template's words, with the same figures
    Given the agents word their answers with a language model that <fails>
    And Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's answer says its wording fell back
    And she is told her current spend is $15,000 a month
    And she is offered savings of at least $9,000 a month

    Examples:
      | fails                                   |
      | answers with an error                   |
      | never answers                           |
      | leaves the figures out                  |
      | answers without a message               |
      | answers with a blank message            |
      | cannot be reached                       |
      | answers without any choices             |
      | answers with a choice but no message    |
      | answers with something that is not JSON |
