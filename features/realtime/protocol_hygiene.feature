@realtime @RT-06
Feature: Protocol hygiene
  The chat answers every kind of bad or excessive message with a clear, stated answer, and
  neither the platform nor anybody else's work suffers for it.

  @fast
  Scenario: Bad and excessive messages each get their answer while another customer's run goes on
    Given Bob is signed in
    And Bob's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And he has asked the data analyst for a deep analysis of his usage log
    And Alice has a chat connection open
    When Alice pings the chat
    Then the chat answers Alice with a pong
    When Alice sends a message that is not JSON
    Then Alice is told the message was malformed, and her chat stays open
    When Alice sends a message of a kind the chat does not know
    Then Alice is told the message was unknown, and her chat stays open
    When Alice sends 120 more messages at once
    Then Alice is answered up to 100 messages in the minute, and every message after that is refused as too many
    When Alice sends a message larger than 64 KiB
    Then Alice's chat is closed because the message was too big
    And Bob's analysis completes undisturbed
    And the platform still reports itself healthy

  @fast
  Scenario Outline: <message> is answered with what it left out, and nothing starts
    Given Alice has a chat connection open
    When Alice sends <message>
    Then Alice is told what the message left out, and her chat stays open

    Examples:
      | message                                            |
      | a question to an agent with nothing in it          |
      | a request to an agent without a question           |
      | a question in the staging dialect without its text |
      | a request to stop that names no analysis           |
      | a request to open a conversation that names none   |
      | a request to catch up that names no analysis       |

  @fast
  Scenario Outline: JSON that is <not a message> is answered as malformed
    Given Alice has a chat connection open
    When Alice sends <not a message>
    Then Alice is told the message was malformed, and her chat stays open

    Examples:
      | not a message                                              |
      | a bare number                                              |
      | a list of messages                                         |
      | the word null                                              |
      | a message without a type                                   |
      | a message whose type is a number                           |
      | a message naming a conversation whose id holds a null byte |

  @fast
  Scenario: Catching up on a finished analysis from the start replays all of it, once
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    And she opens another chat and asks it to replay her analysis from the start
    Then the chat replays every event of Alice's analysis, in order, and nothing else
    When Alice opens another chat and asks it to replay her analysis from the start, naming no event
    Then the chat replays every event of Alice's analysis, in order, and nothing else

  @fast
  Scenario Outline: Catching up on an analysis from <position> is refused as malformed
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    And she opens another chat and asks it to replay her analysis from <position>
    Then Alice is told the message was malformed, and her chat stays open

    Examples:
      | position     |
      | event -1     |
      | event 2.5    |
      | event 1e300  |
      | the text "3" |

  @fast
  Scenario: A chat connection to any other address of the platform is refused
    When Alice tries to open a chat connection at another address of the platform
    Then Alice is refused as there is no chat at that address

  @slow
  Scenario: Heartbeats keep an idle chat open and drop a chat that stopped answering
    Given the platform checks chat connections every 500 milliseconds
    And Alice has a chat connection open that answers heartbeats
    And Bob has a chat connection open that has stopped answering heartbeats
    Then Alice's idle chat is still open after 4 heartbeats
    And Bob's chat is dropped once 2 heartbeats in a row went unanswered

  @fast
  Scenario Outline: A message of <size> is answered
    Given Alice has a chat connection open
    When Alice sends a ping of <size>
    Then the chat answers Alice with a pong

    Examples:
      | size               |
      | 64 KiB less a byte |
      | exactly 64 KiB     |

  @fast
  Scenario: A message of 64 KiB and a byte closes the chat
    Given Alice has a chat connection open
    When Alice sends a ping of 64 KiB and a byte
    Then Alice's chat is closed because the message was too big

  @fast
  Scenario: A catch-up refused as one message too many leaves the analysis's updates flowing
    Given the chat allows 1 message per customer every 60 seconds
    And Alice's usage log "june.csv":
      | date       | provider | model  | requests | input tokens | output tokens | cost |
      | 2024-06-01 | openai   | gpt-4o |     1000 |      1000000 |        500000 | 7.50 |
    And she has asked the data analyst for a deep analysis of her usage log
    When Alice asks her chat to catch up on the analysis once it is under way
    Then Alice is told she is sending too many messages
    And Alice's analysis completes undisturbed
    When Alice sends a message that is not JSON
    Then Alice is told she is sending too many messages

  @slow
  Scenario: The message limit lifts once its window has passed
    Given the chat allows 5 messages per customer every 2 seconds
    And Alice has a chat connection open
    When Alice sends 6 more messages at once
    Then Alice is answered up to 5 messages in the window, and every message after that is refused as too many
    When the message window has passed
    And she pings the chat
    Then the chat answers Alice with a pong
