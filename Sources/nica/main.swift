print("nica")
