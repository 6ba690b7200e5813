@agents @AGENT-01 @smoke @fast
Feature: Cost optimization
  Customers describe their AI workload and get concrete savings while they watch the agent work.
  The figures follow from the platform's price catalogue, so each row below can be checked by hand.

  Scenario Outline: A customer learns how much they can save on <provider> <model>
    Given Alice is signed in
    When Alice asks the cost optimizer about <requests> requests a month on <provider> <model> averaging <input> input and <output> output tokens
    Then Alice watches the agent start, think, use a tool, finish the tool and complete, in that order
    And Alice is told her current spend is <current spend> a month
    And Alice is offered savings of at least <saving> a month
    And Alice gets at least 1 recommendation
    And the answer is kept in Alice's conversation
    And Alice's conversation is stored in the database

    Examples:
      | provider  | model             | requests  | input | output | current spend | saving |
      | openai    | gpt-4o            | 2,000,000 | 1,000 | 500    | $15,000       | $9,000 |
      | anthropic | claude-3-5-sonnet | 500,000   | 2,000 | 400    | $6,000        | $3,500 |
      | google    | gemini-1.5-pro    | 100,000   | 3,000 | 800    | $775          | $450   |
