@agents @AGENT-04 @fast
Feature: Requests the agents cannot serve
  A request the agents cannot serve ends cleanly with a reason the customer can act on, and the
  customer's next request on the same chat works.

  Scenario Outline: A request with <trouble> ends with a reason, and the next request works
    Given Alice is signed in
    When Alice asks the cost optimizer <request>
    Then Alice's request ends with a reason that mentions "<named>"
    And Alice's request, read back later, failed for the same reason
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's answer arrives on the same chat connection
    And she is told her current spend is $15,000 a month

    Examples:
      | trouble                                    | request                                                                                                                                | named                                                   |
      | an unknown cloud                           | about 2,000,000 requests a month on INVALIDCLOUD big-model averaging 1,000 input and 500 output tokens                                 | INVALIDCLOUD                                            |
      | an unknown cloud, naming the ones it knows | about 2,000,000 requests a month on INVALIDCLOUD big-model averaging 1,000 input and 500 output tokens                                 | we know openai, anthropic, google                       |
      | an unknown model                           | about 2,000,000 requests a month on openai gpt-9 averaging 1,000 input and 500 output tokens                                           | gpt-9                                                   |
      | an unknown model, naming the ones it knows | about 2,000,000 requests a month on openai gpt-9 averaging 1,000 input and 500 output tokens                                           | we know gpt-4o-mini, gpt-4-turbo, gpt-4o, gpt-3.5-turbo |
      | no figures at all                          | to cut her costs without giving any figures                                                                                            | no figures                                              |
      | a model but no figures                     | to cut what she spends on openai gpt-4o, without any figures                                                                           | monthly_requests                                        |
      | figures but no model                       | about 1000000 requests a month of 2000 input and 500 output tokens, without naming the model                                           | Tell us the provider and model                          |
      | figures without a provider                 | about 1,000 requests a month on openai gpt-4o averaging 10 input and 5 output tokens, with figures that leave out the provider         | Tell us the provider and model                          |
      | figures without a model                    | about 1,000 requests a month on openai gpt-4o averaging 10 input and 5 output tokens, with figures that leave out the model            | Tell us the provider and model                          |
      | figures without the monthly requests       | about 1,000 requests a month on openai gpt-4o averaging 10 input and 5 output tokens, with figures that leave out the monthly requests | has no monthly_requests                                 |
      | figures without the output tokens          | about 1,000 requests a month on openai gpt-4o averaging 10 input and 5 output tokens, with figures that leave out the output tokens    | has no avg_output_tokens                                |
      | only a number of requests                  | about 1000 requests a month and nothing else                                                                                           | Tell us the provider and model                          |
      | only the input tokens                      | about 2000 input tokens a request and nothing else                                                                                     | Tell us the provider and model                          |
      | only the output tokens                     | about 500 output tokens a request and nothing else                                                                                     | Tell us the provider and model                          |

  Scenario Outline: The <agent>, given nothing to work from, says what it needs
    Given Alice is signed in
    When Alice asks the <agent> to cut her costs without giving any figures
    Then Alice's request ends with a reason that mentions "<named>"
    And Alice's request, read back later, failed for the same reason

    Examples:
      | agent        | named                   |
      | data analyst | Attach a usage log      |
      | supervisor   | no figures to work from |

  Scenario: An agent the platform does not have is refused by name, and the next request works
    Given Alice is signed in
    When Alice asks an agent called "fortune teller" about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told there is no agent called "fortune teller"
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told her current spend is $15,000 a month

  Scenario: A request that names no agent goes to the supervisor
    Given Alice is signed in
    When Alice asks about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens without naming an agent
    Then Alice is answered by the supervisor, who hands the work along

  Scenario Outline: A workload whose <figure> is <value> is refused as impossible before anything is priced
    Given Alice is signed in
    When Alice asks the cost optimizer about 1,000 requests a month on openai gpt-4o averaging 100 input and 100 output tokens, with figures whose <figure> is <value>
    Then Alice is told her workload is impossible, because of its <figure>

    Examples:
      | figure           | value             |
      | monthly requests |                -1 |
      | monthly requests | 1,000,000,000,001 |
      | monthly requests |             1e308 |
      | input tokens     |        10,000,001 |
      | input tokens     | many              |
      | output tokens    |              -0.5 |
      | output tokens    |        10,000,001 |
      | monthly requests | the text "1000"   |

  Scenario Outline: A workload at the edge of the plausible, with <figure> of <value>, is priced
    Given Alice is signed in
    When Alice asks the cost optimizer about 1,000 requests a month on openai gpt-4o averaging 100 input and 100 output tokens, with figures whose <figure> is <value>
    Then Alice is told her current spend is <spend> a month

    Examples:
      | figure           | value             | spend             |
      | monthly requests | 1,000,000,000,000 | $1,250,000,000.00 |
      | monthly requests |                 0 | $0.00             |
      | input tokens     |        10,000,000 | $25,001.00        |
      | output tokens    |        10,000,000 | $100,000.25       |
