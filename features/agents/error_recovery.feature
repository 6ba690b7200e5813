@agents @AGENT-04 @fast
Feature: Requests the agents cannot serve
  A request the agents cannot serve ends cleanly with a reason the customer can act on, and the
  customer's next request on the same chat works.

  Scenario Outline: A request with <trouble> ends with a reason, and the next request works
    Given Alice is signed in
    When Alice asks the cost optimizer <request>
    Then Alice's request ends with a reason that mentions "<named>"
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's answer arrives on the same chat connection
    And Alice is told her current spend is $15,000 a month

    Examples:
      | trouble                | request                                                                                                | named              |
      | an unknown cloud       | about 2,000,000 requests a month on INVALIDCLOUD big-model averaging 1,000 input and 500 output tokens | INVALIDCLOUD       |
      | an unknown model       | about 2,000,000 requests a month on openai gpt-9 averaging 1,000 input and 500 output tokens           | gpt-9              |
      | no figures at all      | to cut her costs without giving any figures                                                            | no figures         |
      | a model but no figures | to cut what she spends on openai gpt-4o, without any figures                                           | monthly_requests   |
      | figures but no model   | about 1000000 requests a month of 2000 input and 500 output tokens, without naming the model           | provider and model |

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
