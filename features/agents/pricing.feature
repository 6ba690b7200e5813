@agents @AGENT-01 @fast
Feature: Every figure is exact
  The cost optimizer prices every model of its catalogue to the cent, splits the spend into input
  and output, and states its savings exactly as the savings model fixes them: routing 60% of
  requests to the provider's cheapest model, caching 30% of the remaining input at half price,
  batching 20% of what is left at half price, and leaving out any option worth less than $10 a
  month. Customers write their workloads in their own way; the figures do not change with it.

  Scenario Outline: <provider> <model> is priced to the cent, and its savings are exact
    When Alice asks the cost optimizer about 1,000,000 requests a month on <provider> <model> averaging 2,000 input and 500 output tokens
    Then Alice is told her current spend is <spend> a month, <input> for input and <output> for output
    And she is offered savings of exactly <saving> a month, <percent>% of her spend
    And the top recommendation for Alice is "<top recommendation>"
    And Alice's answer says in words that she spends <spend> and can save <saving> a month
    And Alice's answer is complete: it states no limitations, and says whose words it is in

    Examples:
      | provider  | model             | spend      | input      | output     | saving     | percent | top recommendation                         |
      | openai    | gpt-4-turbo       | $35,000.00 | $20,000.00 | $15,000.00 | $23,120.00 |    66.1 | Route routine requests to gpt-4o-mini      |
      | openai    | gpt-4o            | $10,000.00 | $5,000.00  | $5,000.00  | $6,310.00  |    63.1 | Route routine requests to gpt-4o-mini      |
      | openai    | gpt-3.5-turbo     | $1,750.00  | $1,000.00  | $750.00    | $814.00    |    46.5 | Route routine requests to gpt-4o-mini      |
      | openai    | gpt-4o-mini       | $600.00    | $300.00    | $300.00    | $100.50    |    16.8 | Batch requests that can wait               |
      | anthropic | claude-3-opus     | $67,500.00 | $30,000.00 | $37,500.00 | $44,145.00 |    65.4 | Route routine requests to claude-3-haiku   |
      | anthropic | claude-3-5-sonnet | $13,500.00 | $6,000.00  | $7,500.00  | $8,289.00  |    61.4 | Route routine requests to claude-3-haiku   |
      | anthropic | claude-3-haiku    | $1,125.00  | $500.00    | $625.00    | $180.00    |      16 | Batch requests that can wait               |
      | google    | gemini-1.5-pro    | $5,000.00  | $2,500.00  | $2,500.00  | $3,155.00  |    63.1 | Route routine requests to gemini-1.5-flash |
      | google    | gemini-1.5-flash  | $300.00    | $150.00    | $150.00    | $50.25     |    16.8 | Batch requests that can wait               |

  Scenario: Each recommendation is worth exactly what the savings model says
    When Alice asks the cost optimizer about 1,000,000 requests a month on openai gpt-4o averaging 2,000 input and 500 output tokens
    Then Alice is offered "Route routine requests to gpt-4o-mini" worth $5,640.00 a month, at medium effort
    And she is offered "Batch requests that can wait" worth $370.00 a month, at low effort
    And she is offered "Cache repeated prompt prefixes" worth $300.00 a month, at low effort
    And the recommendation "Route routine requests to gpt-4o-mini" tells Alice "About 60% of requests are routine enough for gpt-4o-mini, which costs $0.60 per thousand requests instead of $10.00"
    And the recommendation "Cache repeated prompt prefixes" tells Alice "about 30% of input tokens; cached tokens are billed at 50% off"
    And the recommendation "Batch requests that can wait" tells Alice "About 20% of the remaining work (reports, back-fills) can run through the batch API at 50% off"

  Scenario: An option worth exactly $10 a month is offered
    When Alice asks the cost optimizer about 66,666 requests a month on openai gpt-4o averaging 1,000 input and 0 output tokens
    Then Alice is offered "Cache repeated prompt prefixes" worth $10.00 a month
    And she is offered savings of exactly $104.00 a month, 62.4% of her spend

  Scenario: An option worth a cent less than $10 a month is left out
    When Alice asks the cost optimizer about 66,600 requests a month on openai gpt-4o averaging 1,000 input and 0 output tokens
    Then Alice is not offered "Cache repeated prompt prefixes"
    And she is offered savings of exactly $93.91 a month, 56.4% of her spend

  Scenario Outline: A workload written <how> as <workload> gets the same figures
    When Alice asks the cost optimizer <how> about <workload>
    Then Alice is told her current spend is $10,000.00 a month, $5,000.00 for input and $5,000.00 for output
    And she is offered savings of exactly $6,310.00 a month, 63.1% of her spend

    Examples:
      | how                           | workload                                                                                |
      | with its figures              | 1,000,000 requests a month on OpenAI GPT-4o averaging 2,000 input and 500 output tokens |
      | with its figures              | 1,000,000 requests a month on openai GPT-4O averaging 2,000 input and 500 output tokens |
      | in her own words              | 1,000,000 requests a month on openai gpt-4o averaging 2,000 input and 500 output tokens |
      | in her own words              | 1,000,000 requests a month on Openai Gpt-4o averaging 2,000 input and 500 output tokens |
      | in her own words, in capitals | 1,000,000 requests a month on openai gpt-4o averaging 2,000 input and 500 output tokens |
      | as pasted from her notes      | 1,000,000 requests a month on openai gpt-4o averaging 2,000 input and 500 output tokens |

  Scenario: A workload that costs nothing is offered nothing, and told so in words
    When Alice asks the cost optimizer about 0 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is offered savings of exactly $0.00 a month, 0% of her spend
    And Alice's answer says in words that she spends $0.00 a month and that no option is worth $10.00 a month
