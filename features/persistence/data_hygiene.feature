@persistence @DATA-05 @fast
Feature: Data hygiene
  Whatever customers type comes back exactly as they typed it, however much it looks like code.
  Archived conversations leave the list, and what was in them stays theirs alone.

  Scenario: Text that looks like SQL or markup, with emoji, comes back byte for byte
    Given Alice has a conversation titled "Robert'); DROP TABLE threads;-- <script>alert('hi')</script> 💸"
    When Alice asks the cost optimizer in that conversation: "<b>Bold</b> ' OR 1=1 -- 🚀 How much can I save on 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens?"
    Then the conversation's title and Alice's question come back exactly as written, over the API and in the database

  Scenario: A conversation started without any details is untitled, and listed as its starter's
    When Alice starts a conversation without giving any details
    Then Alice's conversation is started untitled, with no details, and is listed as hers

  Scenario: A title that is too long is refused with an explanation, and nothing is created
    When Alice tries to start a conversation with a title of 600 characters
    Then Alice is refused because the details are invalid
    And Alice's conversations are as they were

  Scenario: An archived conversation leaves the list, and its run stays readable by its owner only
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    And she archives the conversation
    Then Alice's conversation list no longer shows it
    And she can still read the run of that conversation
    And Bob cannot read the run of Alice's archived conversation

  Scenario: Archiving one conversation leaves every other conversation as it was
    Given Alice is signed in
    When Alice asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    And Bob asks the cost optimizer about 2,000,000 requests a month on openai gpt-4o averaging 1,000 input and 500 output tokens
    And Alice asks the cost optimizer about 100,000 requests a month on google gemini-1.5-pro averaging 3,000 input and 800 output tokens
    And she archives the conversation
    Then Alice's conversation list no longer shows it
    And Alice's other conversations are as they were
    And Bob's conversation is as it was
