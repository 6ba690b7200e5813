@realtime @RT-07 @redis @fast
Feature: Fan-out to every connection, on every instance
  A customer's updates reach all of their connections, whichever instance of the platform holds
  each one, exactly once; signing out on one instance closes the chats on the others.

  Background:
    Given a second instance of the platform sharing the same stores
    And Alice has a chat connection open on each instance

  Scenario: A run started on one instance reaches the connections on both
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens on the second instance
    Then each of Alice's chat connections receives every event of that run exactly once

  Scenario: Signing out on one instance closes the chat on the other
    When Alice signs out on the second instance
    Then Alice's chat connection on the first instance is closed within 5 seconds
