@security @SEC-07
Feature: Resource bounds
  What one customer, or one silent neighbour, can take from the platform is bounded: a customer
  keeps at most ten chat connections open at once, a connection that goes away while it is being
  signed in leaves nothing behind, a chat that stops reading is dropped before the platform holds
  more than a bound for it, a request that arrives too slowly is refused, and a dependency that
  stops answering makes requests refuse within seconds instead of hanging. Everyone else carries on.

  @fast
  Scenario: A customer's tenth chat connection is welcomed, and an eleventh refused as one too many
    Given Alice has 9 chat connections open
    When Alice opens a chat connection
    Then Alice is welcomed into the chat as herself
    When Alice opens a chat connection
    Then Alice's chat connection is refused because she already has too many open
    And all 10 of Alice's open chat connections still answer
    When Bob opens a chat connection
    Then Bob is welcomed into the chat as himself
    When Alice closes one of her chat connections
    And she opens a chat connection
    Then Alice is welcomed into the chat as herself
    When Alice opens a chat connection
    Then Alice's chat connection is refused because she already has too many open

  @fast
  Scenario: Connections that went away while being signed in do not count against the limit
    Given an instance of the platform whose token checks can be held up
    And Alice is signed in
    When Alice opens 10 chat connections and closes them while the platform is still checking her token
    And she opens 10 chat connections
    Then all 10 of Alice's open chat connections answer
    When Alice opens a chat connection
    Then Alice's chat connection is refused because she already has too many open

  @slow
  Scenario: A chat that stops reading is dropped before the platform holds too much for it, and the customer's other chat carries on
    Given Alice has a conversation with 900 KiB of notes
    And she has a chat connection open
    And she has a chat connection open that has stopped reading
    When Alice asks for that conversation 40 times on the chat that has stopped reading, and 5 times on her other chat
    Then Alice's chat that stopped reading is closed as falling too far behind, before half of what it asked for reached it
    And Alice's other chat was shown the whole conversation every time

  @slow
  Scenario Outline: A conversation whose details trickle in over <time> is <outcome>
    Given the platform waits at most 1 second for a request to arrive
    When Alice starts a conversation whose body trickles in over <time>
    Then <result>

    Examples:
      | time             | outcome | result                                                      |
      | 300 milliseconds | started | Alice's new conversation keeps exactly those details        |
      |        3 seconds | refused | Alice is refused because the request did not arrive in time |

  @slow
  Scenario: While its database answers nothing, every request is answered within seconds, and service returns with it
    Given an instance of the platform that gives up on a silent database after 1 second
    And Alice has a conversation titled "Budget review"
    And she has a chat connection open
    When its database stops answering
    Then Alice is answered within 3 seconds, and told it cannot be done right now, for each of these:
      | request                              |
      | listing the conversations            |
      | opening the conversation on the chat |
      | signing in                           |
      | signing up                           |
      | the platform's health                |
    When its database is back
    Then Alice's next question is answered within 10 seconds of it coming back
    And the platform reports itself healthy again within 10 seconds

  @fast
  Scenario: A change the database cannot make within the platform's patience is refused as unavailable, and nothing changes
    Given an instance of the platform that gives up on a database statement after 500 milliseconds
    And Alice has a conversation titled "Budget review"
    When Alice archives it while other work holds it in the database for longer than that
    Then Alice is told it cannot be done right now, and the conversation is still listed

  @fast
  Scenario: A change whose connection the database ends is refused as unavailable, and nothing changes
    Given Alice has a conversation titled "Budget review"
    When Alice archives it while the database ends the connection the change is waiting on
    Then Alice is told it cannot be done right now, and the conversation is still listed

  @slow @redis
  Scenario: While its Redis answers nothing, every request is answered within seconds, and service returns with it
    Given an instance of the platform that gives up on a silent Redis after 1 second
    And Alice has a chat connection open
    When its Redis stops answering
    Then Alice is answered within 3 seconds, and told it cannot be done right now, for each of these:
      | request                       |
      | listing the conversations     |
      | a message on the open chat    |
      | opening a new chat connection |
      | signing in                    |
      | the platform's health         |
    When its Redis is back
    Then Alice's next question is answered within 10 seconds of it coming back
    And the platform reports itself healthy again within 10 seconds
