@realtime @RT-01 @fast
Feature: The live event pipeline
  While an agent works, the customer sees it start, think, use a tool, finish it and complete,
  each update carrying what it is about, and the first one arrives at once.

  Scenario: Every update of a cost run arrives in order with its details, the first one quickly
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    Then Alice's first update arrives within 1 second of her question
    And she watches the agent start, think, use a tool, finish the tool and complete, in that order
    And every event of Alice's run carries its fields and timestamps
