@auth @AUTH-07 @fast
Feature: Forged and misused tokens are refused
  Only tokens the auth service issued, unaltered, for this platform, of the right kind and still
  valid, open anything: every route of the API, the profile, and the chat wherever the token is
  carried.

  Scenario Outline: A token that is <bad token> is refused everywhere
    Given Mallory presents a token that is <bad token>
    Then the API refuses Mallory's token
    And Mallory cannot open a chat connection because <verdict>
    When the backend asks the auth service to vouch for Mallory's token with the right service secret
    Then the auth service does not vouch for Mallory's token, because it does not vouch for that token

    Examples:
      | bad token                            | verdict                    |
      | missing                              | no token was given         |
      | not a token at all                   | the token is invalid       |
      | signed with another secret           | the token is invalid       |
      | alg none                             | the token is invalid       |
      | payload tampered after signing       | the token is invalid       |
      | wrong audience                       | the token is invalid       |
      | wrong issuer                         | the token is invalid       |
      | without a token type                 | the token is invalid       |
      | without a subject                    | the token is invalid       |
      | refresh token used as access token   | the token is invalid       |
      | a service token used as access token | the token is invalid       |
      | expired                              | the token has expired      |
      | revoked by signing out               | the token has been revoked |

  Scenario Outline: A customer's own token written <how> is not taken as one
    Given Alice is signed in
    Then the API refuses Alice's token written <how>
    When Alice opens a chat connection with her token written <how> in the Authorization header
    Then Alice's chat connection is refused because no token was given

    Examples:
      | how                        |
      | without the word Bearer    |
      | after the word Basic       |
      | after the word Token       |
      | after "Bearer" and a colon |

  Scenario Outline: A token written <how> is taken, as the word Bearer is the same whatever its letter case
    Given Alice is signed in
    Then the API accepts Alice's token written <how>
    When Alice opens a chat connection with her token written <how> in the Authorization header
    Then Alice is welcomed into the chat as herself

    Examples:
      | how                         |
      | with "bearer" in lower case |
      | with "BEARER" in capitals   |

  Scenario: A session whose account no longer exists shows no profile and cannot be renewed
    Given Mallory holds a session whose account no longer exists
    Then Mallory is shown no profile, as the account no longer exists
    And Mallory's session can no longer be refreshed
