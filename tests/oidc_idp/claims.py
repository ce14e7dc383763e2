"""The claims the loopback provider gives: the user's e-mail, marked verified unless the user's last name
says "unverified" (so a test can sign in with an address the provider did not verify)."""


def userinfo(claims, user):
    claims["name"] = user.get_full_name()
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["email"] = user.email
    claims["email_verified"] = user.last_name != "unverified"
    claims["preferred_username"] = user.username
    return claims
