@security @SEC-08 @fast
Feature: Token bounds
  A token is believed only within the life the platform grants: one that claims a longer life, or
  says it was issued later than now (beyond a few seconds of clock difference), was not made here.

  Scenario Outline: A token <bad token> is refused everywhere
    Given Mallory presents a token that is <bad token>
    Then the API refuses Mallory's token
    And Mallory cannot open a chat connection because the token is invalid
    When the backend asks the auth service to vouch for Mallory's token with the right service secret
    Then the auth service does not vouch for Mallory's token, because it does not vouch for that token

    Examples:
      | bad token                                          |
      | valid for 30 days, longer than the platform grants |
      | issued an hour in the future                       |
      | issued 40 seconds in the future                    |
      | without an issue time                              |

  Scenario Outline: A token <token> is accepted: clocks may disagree by up to 30 seconds
    Given Mallory presents a token that is <token>
    Then the API accepts Mallory's token

    Examples:
      | token                                |
      | issued 20 seconds ahead of the clock |
      | issued 30 seconds ahead of the clock |
