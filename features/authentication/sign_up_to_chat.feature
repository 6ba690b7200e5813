@auth @AUTH-01 @smoke @fast
Feature: Sign-up to chat
  A new customer creates an account, signs in, and is welcomed into a live chat with the agents,
  recognised as the same person at every step.

  Scenario: A new customer signs up, signs in and is welcomed into the chat
    When Alice signs up with her email address and a password
    And she signs in with her email address and password
    Then Alice's sign-in gives her a new session, not the one from sign-up
    And the platform confirms that Alice's session is hers
    And Alice's profile shows her email address and that she may read, write and run agents
    When Alice opens a chat connection
    Then Alice is welcomed into the chat as herself

  Scenario Outline: <name> is welcomed into the chat by her own name, however it is written
    When <name> signs up with her email address and a password
    And <name> opens a chat connection
    Then <name> is called "<name>" on her account
    And <name> is welcomed into the chat as herself

    Examples:
      | name        |
      | Zoë         |
      | Anne-Marie  |
      | McKenzie    |
      | O'Brien     |
      | Ólafsdóttir |

  Scenario: A name given with spaces around it is kept without them
    When Alice signs up giving her name as "  Alice Liddell  "
    Then Alice is called "Alice Liddell" on her account

  Scenario Outline: A customer who signs up <without a name> is called by the first part of her email address
    When Alice signs up <without a name>
    Then Alice is called by the first part of her email address on her account

    Examples:
      | without a name           |
      | without giving a name    |
      | giving her name as "   " |
