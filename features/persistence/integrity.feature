@persistence @DATA-03 @fast
Feature: Integrity under concurrent writers
  Many writers adding to one conversation at once lose nothing and double nothing, and the
  conversation has one order that every reader sees.

  Scenario: Six writers add to one conversation at once, over the chat and the API
    Given Alice has a conversation
    When Alice adds 6 questions about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens to it at the same moment, 3 over the chat and 3 through the API
    Then Alice's conversation holds every question and its answer, each exactly once
    And everyone reading Alice's conversation sees the same order: over the API, over the chat and in the database
