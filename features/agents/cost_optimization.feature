@agents @AGENT-01 @fast
Feature: Cost optimization
  Customers describe their AI workload and get concrete savings while they watch the agent work.
  Every figure follows from the platform's price catalogue, so each row below can be checked by
  hand: routing 60% of requests to the provider's cheapest model, caching 30% of the remaining
  input at half price, and batching 20% of what is left at half price.

  @smoke
  Scenario Outline: A customer learns how much they can save on <provider> <model>
    Given Alice is signed in
    When Alice asks the cost optimizer about <requests> requests a month on <provider> <model> averaging <input> input and <output> output tokens
    Then Alice watches the agent start, think, use a tool, finish the tool and complete, in that order
    And she is told her current spend is <current spend> a month
    And she is offered savings of at least <saving> a month
    And the top recommendation for Alice is "<top recommendation>"
    And the answer is kept in Alice's conversation
    And Alice's conversation is stored in the database

    Examples:
      | provider  | model             | requests  | input | output | current spend | saving | top recommendation                         |
      | openai    | gpt-4o            | 2,000,000 | 1,000 |    500 | $15,000       | $9,000 | Route routine requests to gpt-4o-mini      |
      | anthropic | claude-3-5-sonnet |   500,000 | 2,000 |    400 | $6,000        | $3,500 | Route routine requests to claude-3-haiku   |
      | google    | gemini-1.5-pro    |   100,000 | 3,000 |    800 | $775          | $450   | Route routine requests to gemini-1.5-flash |
      | openai    | gpt-4o-mini       | 5,000,000 | 1,000 |    500 | $2,250        | $300   | Batch requests that can wait               |

  Scenario Outline: A customer whose <model> workload is already lean is told there is nothing meaningful to save
    Given Alice is signed in
    When Alice asks the cost optimizer about <requests> requests a month on <provider> <model> averaging <input> input and <output> output tokens
    Then Alice is told her current spend is <current spend> a month
    And she is told there is no meaningful saving to make

    Examples:
      | provider  | model          | requests | input | output | current spend |
      | openai    | gpt-4o-mini    |   10,000 |   500 |    200 | $1.95         |
      | anthropic | claude-3-haiku |   20,000 | 1,000 |    300 | $12.50        |

  Scenario: The platform's own staging client gets the same answer as the front end
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens the way the platform's staging tests do
    Then Alice watches the agent start, think, use a tool, finish the tool and complete, in that order
    And she is told her current spend is $15,000 a month

  Scenario: The staging client's question with its fields beside the message type gets the same answer
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens the way the platform's staging tests do, with the fields beside the message type
    Then Alice watches the agent start, think, use a tool, finish the tool and complete, in that order
    And she is told her current spend is $15,000 a month
