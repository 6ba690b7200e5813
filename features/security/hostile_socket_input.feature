@security @SEC-02 @fast
Feature: Hostile socket input
  Whatever a chat connection sends, the platform answers it clearly and cheaply: no message costs
  more than time in proportion to its size, names are looked up as data, and what is copied onto
  every event is bounded.

  Scenario Outline: A question of <text> is answered or refused within a second
    Given Alice has a chat connection open
    When Alice asks the cost optimizer a question of <text>
    Then Alice's question is answered or refused within a second

    Examples:
      | text                                |
      |                       65,000 digits |
      |   32,000 digits separated by commas |
      | a figure followed by 64,000 spaces  |
      | the word "on" 21,000 times          |
      | a figure before each of 5,000 words |

  Scenario Outline: "<name>" is a name like any other, for an agent, a cloud and a model
    Given Alice is signed in
    When Alice asks an agent called "<name>" about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice is told there is no agent called "<name>"
    When Alice asks the cost optimizer about 2,000,000 requests a month on <name> gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's request ends with a reason that mentions "we know openai, anthropic, google"
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai <name> averaging 1,000 input and 500 output tokens
    Then Alice's request ends with a reason that mentions "we know gpt-4o-mini, gpt-4-turbo, gpt-4o, gpt-3.5-turbo"

    Examples:
      | name           |
      | constructor    |
      | __proto__      |
      | toString       |
      | hasOwnProperty |

  Scenario Outline: <message> is refused, naming what is wrong, and nothing starts
    Given Alice has a chat connection open
    When Alice sends <message>
    Then Alice is told which part of the message is wrong, and her chat stays open

    Examples:
      | message                                               |
      | a question whose request id is 129 characters long    |
      | a question whose request id is 60,000 characters long |
      | a question whose request id is a number               |

  Scenario: A request id of 128 characters is carried on every event of the answer
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens, marking the request with an id of 128 characters
    Then every event of Alice's answer carries that id

  Scenario: A question that carries no request id is answered all the same
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens, without marking the request
    Then Alice is told her current spend is $15,000 a month
