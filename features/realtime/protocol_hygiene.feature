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
    And Bob has asked the data analyst for a deep analysis of his usage log
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
  Scenario: Heartbeats keep an idle chat open and drop a chat that stopped answering
    Given the platform checks chat connections every 500 milliseconds
    And Alice has a chat connection open that answers heartbeats
    And Bob has a chat connection open that has stopped answering heartbeats
    Then Alice's idle chat is still open after 4 heartbeats
    And Bob's chat is dropped within 3 heartbeats

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
  Scenario: The message limit lifts once its window has passed
    Given the chat allows 5 messages per customer every 2 seconds
    And Alice has a chat connection open
    When Alice sends 6 more messages at once
    Then Alice is answered up to 5 messages in the window, and every message after that is refused as too many
    When the message window has passed
    And Alice pings the chat
    Then the chat answers Alice with a pong
